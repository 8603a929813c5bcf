-- Exact kroner per year, post and artskonto, with the names as booked in the artskonto's latest month that year.
-- params: none
-- Artskontoer whose bookings net to zero are left out.
WITH names AS (
    SELECT
        aar,
        artskonto,
        arg_max(
            {'navn': artskonto_navn, 'klasse': kontoklasse, 'klasse_navn': kontoklasse_navn},
            periode || artskonto_navn || kontoklasse || kontoklasse_navn
        ) AS n
    FROM regnskap
    GROUP BY aar, artskonto
),
sums AS (
    SELECT aar, post_id, artskonto, sum(CAST(replace(belop, ',', '.') AS DECIMAL(18, 3))) AS belop
    FROM regnskap
    GROUP BY aar, post_id, artskonto
)
SELECT
    CAST(s.aar AS INTEGER) AS aar,
    left(s.post_id, 4) AS kapittel,
    right(s.post_id, 2) AS post,
    s.artskonto,
    n.n.navn AS artskonto_navn,
    n.n.klasse AS kontoklasse,
    n.n.klasse_navn AS kontoklasse_navn,
    CAST(round(s.belop, 2) AS DECIMAL(18, 2)) AS belop
FROM sums AS s
JOIN names AS n ON n.aar = s.aar AND n.artskonto = s.artskonto
WHERE s.belop <> 0
ORDER BY aar, kapittel, post, artskonto
