-- Each budget post with adopted and revised budget and accounts in its latest year with accounts, and what it carries.
-- params: none
WITH siste AS (
    SELECT kapittel, post, max(aar) AS aar FROM bevilgninger WHERE regnskap IS NOT NULL GROUP BY kapittel, post
)
SELECT b.kapittel, b.post, ltrim(b.kapittel, '0') || '.' || b.post AS post_kode, b.post_navn, b.aar,
       b.saldert, b.revidert, b.regnskap, b.status, b.kilde_id,
       (SELECT string_agg(p.omfatter, '; ' ORDER BY p.ordning_id IS NULL, p.omfatter)
        FROM post_ordninger p WHERE p.kapittel = b.kapittel AND p.post = b.post) AS omfatter
FROM bevilgninger b
JOIN siste s ON s.kapittel = b.kapittel AND s.post = b.post AND s.aar = b.aar
ORDER BY b.kapittel, b.post;
