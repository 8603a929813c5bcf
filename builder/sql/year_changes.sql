-- Each year's county totals with the previous year's total for the same county code.
-- params: none
-- per: aar
-- The change is given only where both years have figures of the same kind: the same schemes and one status.
WITH per_aar AS (
    SELECT aar, fylkesnummer, fylke, sum(belop) AS belop, arg_max(status, statusrang) AS status,
           string_agg(DISTINCT kilde_id, ',' ORDER BY kilde_id) AS kilde_id,
           string_agg(DISTINCT ordning_id, ',' ORDER BY ordning_id) AS ordninger,
           string_agg(DISTINCT status, ',' ORDER BY status) AS statuser
    FROM v_rammer GROUP BY aar, fylkesnummer, fylke
)
SELECT n.aar AS key_aar, n.fylkesnummer, n.fylke, n.belop, n.status, f.belop AS forrige_belop,
       CASE WHEN f.belop > 0 AND n.ordninger = f.ordninger AND n.statuser = f.statuser AND n.statuser NOT LIKE '%,%'
            THEN CAST((n.belop - f.belop) / f.belop AS DECIMAL(18, 6)) END AS endring,
       n.kilde_id
FROM per_aar n
LEFT JOIN per_aar f ON f.fylkesnummer = n.fylkesnummer AND f.aar = n.aar - 1
ORDER BY n.fylkesnummer;
