-- Each post's adopted budget, revised budget and accounts per year (accounts empty for a year not yet closed).
-- params: none
-- per: kapittel, post
SELECT kapittel AS key_kapittel, post AS key_post, aar, post_navn, saldert, revidert, regnskap, avrunding, status, kilde_id
FROM bevilgninger
ORDER BY aar;
