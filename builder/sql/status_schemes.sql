-- Key figures for a status page: each scheme's national total in a year and the change from the year before.
-- params: aar
SELECT n.ordning_id, o.navn AS ordning, o.kortnavn, n.belop, n.status, n.kilde_id, f.belop AS forrige_belop,
       CASE WHEN f.belop > 0 THEN CAST((n.belop - f.belop) / f.belop AS DECIMAL(18, 6)) END AS endring,
       svakest(n.status, f.status) AS endring_status
FROM nasjonale_rammer n
JOIN ordninger o USING (ordning_id)
LEFT JOIN nasjonale_rammer f ON f.ordning_id = n.ordning_id AND f.aar = n.aar - 1
WHERE n.aar = $aar
ORDER BY o.fra_aar, n.ordning_id;
