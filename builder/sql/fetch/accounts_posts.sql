-- Accounts per year and post: exact kroner rounded to øre once, the post's name as booked in its latest month.
-- params: none
SELECT
    CAST(aar AS INTEGER) AS aar,
    left(post_id, 4) AS kapittel,
    right(post_id, 2) AS post,
    arg_max(post_navn, periode || post_navn) AS post_navn,
    CAST(round(sum(CAST(replace(belop, ',', '.') AS DECIMAL(18, 3))), 2) AS DECIMAL(18, 2)) AS regnskap,
    count(*) AS rader
FROM regnskap
GROUP BY aar, post_id
ORDER BY aar, kapittel, post
