-- Denominator for each budget year and county: the latest count before the year, carried into that
-- year's county map. Status is 'offisiell' only when the count is from the year before and unmapped.
CREATE VIEW v_nevner_aar AS
WITH telling AS (
    SELECT a.aar, n.nevner, max(n.aar) AS telleaar
    FROM (SELECT DISTINCT aar FROM tildelinger) a
    JOIN nevnere n ON n.aar <= a.aar - 1
    GROUP BY a.aar, n.nevner
)
SELECT t.aar, m.til AS fylkesnummer, t.nevner, t.telleaar,
       CAST(sum(n.verdi * m.andel) AS DECIMAL(18, 1)) AS verdi,
       CASE WHEN bool_and(m.fylkesnummer = m.til) AND t.telleaar = t.aar - 1 AND max(s.rang) = 0
            THEN 'offisiell' ELSE 'beregnet' END AS status,
       string_agg(DISTINCT n.kilde_id, ',' ORDER BY n.kilde_id) AS kilder
FROM telling t
JOIN nevnere n ON n.nevner = t.nevner AND n.aar = t.telleaar
JOIN v_fylke_i_aar m ON m.fylkesnummer = n.fylkesnummer AND m.aar = t.aar
JOIN v_status s ON s.status = n.status
GROUP BY t.aar, m.til, t.nevner, t.telleaar;
