-- One county's total per year with allocation per teacher FTE next to the national figure.
-- params: fylke
WITH fylke AS (
    SELECT aar, sum(belop) AS belop, arg_max(status, statusrang) AS status
    FROM v_rammer WHERE fylkesnummer = $fylke GROUP BY aar
), land AS (
    SELECT r.aar, sum(r.belop) / sum(n.verdi) AS per_larerarsverk
    FROM (SELECT aar, fylkesnummer, sum(belop) AS belop FROM v_rammer GROUP BY ALL) r
    JOIN v_nevner_aar n ON n.aar = r.aar AND n.fylkesnummer = r.fylkesnummer
         AND n.nevner = 'larerarsverk_grunnskole'
    GROUP BY r.aar
)
SELECT f.aar, f.belop, f.status, n.verdi AS larerarsverk, n.telleaar, n.status AS nevner_status,
       n.kilder AS nevner_kilder,
       CAST(f.belop / n.verdi AS DECIMAL(18, 0)) AS per_larerarsverk,
       CAST(l.per_larerarsverk AS DECIMAL(18, 0)) AS land_per_larerarsverk
FROM fylke f
LEFT JOIN v_nevner_aar n ON n.aar = f.aar AND n.fylkesnummer = $fylke AND n.nevner = 'larerarsverk_grunnskole'
LEFT JOIN land l ON l.aar = f.aar
ORDER BY f.aar;
