-- One year's county totals with the previous year's total for the same county code.
-- params: aar
WITH per_aar AS (
    SELECT aar, fylkesnummer, fylke, sum(belop) AS belop, arg_max(status, statusrang) AS status,
           string_agg(DISTINCT kilde_id, ',' ORDER BY kilde_id) AS kilde_id
    FROM v_rammer GROUP BY aar, fylkesnummer, fylke
)
SELECT n.fylkesnummer, n.fylke, n.belop, n.status, f.belop AS forrige_belop,
       CASE WHEN f.belop > 0 THEN CAST((n.belop - f.belop) / f.belop AS DECIMAL(18, 6)) END AS endring,
       n.kilde_id
FROM per_aar n
LEFT JOIN per_aar f ON f.fylkesnummer = n.fylkesnummer AND f.aar = n.aar - 1
WHERE n.aar = $aar
ORDER BY n.fylkesnummer;
