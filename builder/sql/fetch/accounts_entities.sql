-- Exact kroner per year, post and accounting entity (org.nr.), named as booked in its latest month that year.
-- params: none
-- When two names share that month the greatest wins; entities whose bookings net to zero are left out.
WITH names AS (
    SELECT aar, orgnr, arg_max(virksomhet, periode || virksomhet) AS virksomhet
    FROM regnskap
    GROUP BY aar, orgnr
),
sums AS (
    SELECT aar, post_id, orgnr, sum(CAST(replace(belop, ',', '.') AS DECIMAL(18, 3))) AS belop
    FROM regnskap
    GROUP BY aar, post_id, orgnr
)
SELECT
    CAST(s.aar AS INTEGER) AS aar,
    left(s.post_id, 4) AS kapittel,
    right(s.post_id, 2) AS post,
    s.orgnr,
    n.virksomhet,
    CAST(round(s.belop, 2) AS DECIMAL(18, 2)) AS belop
FROM sums AS s
JOIN names AS n ON n.aar = s.aar AND n.orgnr = s.orgnr
WHERE s.belop <> 0
ORDER BY aar, kapittel, post, virksomhet, orgnr
