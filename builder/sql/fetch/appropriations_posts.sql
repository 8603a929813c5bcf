-- Adopted and revised budget per year and post, exact kroner rounded to øre once.
-- params: none
-- A decision whose text says «saldert» is the adopted budget; transfers between years («Overført fra …»,
-- «Overføres til …») count in neither; every other decision (revised national budget, supplementary
-- appropriations) is a change: revised = adopted + changes (the rule of Lippen1995/Project_statsbudsjett).
WITH typed AS (
    SELECT
        aar,
        post_id,
        post_navn,
        coalesce(periode, '') AS periode,
        CAST(replace(belop, ',', '.') AS DECIMAL(18, 3)) AS belop,
        CASE
            WHEN regexp_matches(lower(coalesce(vedtak, '')), 'overf(ø|o)rt fra|overf(ø|o)res til') THEN 'overfort'
            WHEN contains(lower(coalesce(vedtak, '')), 'saldert') THEN 'saldert'
            ELSE 'endring'
        END AS slag
    FROM bevilgning
)
SELECT
    CAST(aar AS INTEGER) AS aar,
    left(post_id, 4) AS kapittel,
    right(post_id, 2) AS post,
    arg_max(post_navn, periode || post_navn) AS post_navn,
    CAST(round(coalesce(sum(belop) FILTER (WHERE slag = 'saldert'), 0), 2) AS DECIMAL(18, 2)) AS saldert,
    CAST(round(coalesce(sum(belop) FILTER (WHERE slag <> 'overfort'), 0), 2) AS DECIMAL(18, 2)) AS revidert,
    count(*) FILTER (WHERE slag = 'saldert') AS saldert_vedtak
FROM typed
GROUP BY aar, post_id
ORDER BY aar, kapittel, post
