-- Every budget post with appropriations, its latest name and its years: one page each.
-- params: none
SELECT kapittel, post, ltrim(kapittel, '0') || '.' || post AS post_kode, arg_max(post_navn, aar) AS post_navn,
       min(aar) AS fra_aar, max(aar) AS til_aar,
       max(aar) FILTER (WHERE regnskap IS NOT NULL) AS regnskap_aar
FROM bevilgninger
GROUP BY kapittel, post
ORDER BY kapittel, post;
