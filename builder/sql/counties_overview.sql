-- Every county's latest-year total, per teacher FTE and change, each with the weakest status of its inputs.
-- params: none
WITH per_aar AS (
    SELECT fylkesnummer, fylke, aar, sum(belop) AS belop, arg_max(status, statusrang) AS status
    FROM v_rammer GROUP BY fylkesnummer, fylke, aar
), siste AS (
    SELECT fylkesnummer, max(aar) AS aar FROM per_aar GROUP BY fylkesnummer
)
SELECT p.fylkesnummer, p.fylke AS navn, f.offisielt_navn, f.gyldig_til_aar IS NOT NULL AS utgatt,
       f.gyldig_fra_aar, f.gyldig_til_aar, p.aar, p.belop, p.status,
       n.verdi AS larerarsverk, CAST(p.belop / n.verdi AS DECIMAL(18, 0)) AS per_larerarsverk,
       n.status AS nevner_status, n.kilder AS nevner_kilder, svakest(p.status, n.status) AS per_status,
       forrige.belop AS forrige_belop, svakest(p.status, forrige.status) AS endring_status,
       CASE WHEN forrige.belop > 0 THEN CAST((p.belop - forrige.belop) / forrige.belop AS DECIMAL(18, 6)) END
           AS endring
FROM per_aar p
JOIN siste s ON s.fylkesnummer = p.fylkesnummer AND s.aar = p.aar
JOIN fylker f ON f.fylkesnummer = p.fylkesnummer
LEFT JOIN per_aar forrige ON forrige.fylkesnummer = p.fylkesnummer AND forrige.aar = p.aar - 1
LEFT JOIN v_nevner_aar n ON n.fylkesnummer = p.fylkesnummer AND n.aar = p.aar AND n.nevner = 'larerarsverk_grunnskole'
ORDER BY p.fylkesnummer;
