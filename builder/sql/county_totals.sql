-- One county's total per year, per teacher FTE and the national figure, each with its inputs' weakest status.
-- params: fylke
WITH fylke AS (
    SELECT aar, sum(belop) AS belop, arg_max(status, statusrang) AS status
    FROM v_rammer WHERE fylkesnummer = $fylke GROUP BY aar
), land AS (
    SELECT r.aar, sum(r.belop) / sum(n.verdi) AS per_larerarsverk,
           max(greatest(status_rang(r.status), status_rang(n.status))) AS rang
    FROM (SELECT aar, fylkesnummer, sum(belop) AS belop, arg_max(status, statusrang) AS status
          FROM v_rammer GROUP BY ALL) r
    JOIN v_nevner_aar n ON n.aar = r.aar AND n.fylkesnummer = r.fylkesnummer
         AND n.nevner = 'larerarsverk_grunnskole'
    GROUP BY r.aar
)
SELECT f.aar, f.belop, f.status, n.verdi AS larerarsverk, n.telleaar, n.status AS nevner_status,
       n.kilder AS nevner_kilder,
       CAST(f.belop / n.verdi AS DECIMAL(18, 0)) AS per_larerarsverk,
       svakest(f.status, n.status) AS per_status,
       CAST(l.per_larerarsverk AS DECIMAL(18, 0)) AS land_per_larerarsverk,
       (SELECT s.status FROM v_status s WHERE s.rang = l.rang) AS land_status
FROM fylke f
LEFT JOIN v_nevner_aar n ON n.aar = f.aar AND n.fylkesnummer = $fylke AND n.nevner = 'larerarsverk_grunnskole'
LEFT JOIN land l ON l.aar = f.aar
ORDER BY f.aar;
