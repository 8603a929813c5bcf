-- Denominator for each budget year (years with allocations or bookings) and county: the latest count before the
-- year, carried into that year's county map. Status: the weakest of the counts' own statuses, and at best
-- 'beregnet' when the count is older than the year before or mapped across a reform.
CREATE VIEW v_nevner_aar AS
WITH telling AS (
    SELECT a.aar, n.nevner, max(n.aar) AS telleaar
    FROM (SELECT DISTINCT aar FROM v_fylke_i_aar) a
    JOIN nevnere n ON n.aar <= a.aar - 1
    GROUP BY a.aar, n.nevner
), summert AS (
    SELECT t.aar, m.til AS fylkesnummer, t.nevner, t.telleaar,
           CAST(sum(n.verdi * m.andel) AS DECIMAL(18, 1)) AS verdi,
           arg_max(n.status, s.rang) AS telling_status,
           CASE WHEN bool_and(m.fylkesnummer = m.til) AND t.telleaar = t.aar - 1 THEN 'offisiell'
                ELSE 'beregnet' END AS metode_status,
           string_agg(DISTINCT n.kilde_id, ',' ORDER BY n.kilde_id) AS kilder
    FROM telling t
    JOIN nevnere n ON n.nevner = t.nevner AND n.aar = t.telleaar
    JOIN v_fylke_i_aar m ON m.fylkesnummer = n.fylkesnummer AND m.aar = t.aar
    JOIN v_status s ON s.status = n.status
    GROUP BY t.aar, m.til, t.nevner, t.telleaar
)
SELECT aar, fylkesnummer, nevner, telleaar, verdi, svakest(telling_status, metode_status) AS status, kilder
FROM summert;
