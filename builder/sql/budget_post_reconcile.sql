-- Per year with accounts: each post's bookings against its accounts, the difference and the rounding allowed.
-- params: none
-- per: kapittel, post
-- The allowance is half the rounding of each booking row and of the total: (n + 1) × avrunding / 2 when all are rounded alike.
WITH bok AS (
    SELECT b.kapittel, b.post, b.aar, count(*) AS rader, sum(b.belop) AS bokfort, sum(b.avrunding) AS avrunding_sum,
           max(b.avrunding) AS avrunding, max(s.rang) AS rang, arg_max(b.status, s.rang) AS bok_status
    FROM bokforinger b
    JOIN v_status s USING (status)
    GROUP BY b.kapittel, b.post, b.aar
)
SELECT g.kapittel AS key_kapittel, g.post AS key_post, g.aar, g.regnskap, k.bokfort, k.bokfort - g.regnskap AS differanse, k.rader,
       greatest(k.avrunding, g.avrunding) AS avrunding,
       CAST((k.avrunding_sum + g.avrunding) / 2 AS DECIMAL(18, 2)) AS tillatt,
       abs(k.bokfort - g.regnskap) <= (k.avrunding_sum + g.avrunding) / 2 AS innenfor,
       g.status AS regnskap_status, k.bok_status,
       (SELECT v.status FROM v_status v WHERE v.rang = greatest(k.rang, s.rang)) AS status, g.kilde_id
FROM bevilgninger g
JOIN bok k USING (kapittel, post, aar)
JOIN v_status s ON s.status = g.status
WHERE g.regnskap IS NOT NULL
ORDER BY g.aar;
