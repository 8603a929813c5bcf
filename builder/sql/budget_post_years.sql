-- One post's adopted budget, revised budget and accounts per year (accounts empty for a year not yet closed).
-- params: kapittel, post
SELECT aar, post_navn, saldert, revidert, regnskap, avrunding, status, kilde_id
FROM bevilgninger
WHERE kapittel = $kapittel AND post = $post
ORDER BY aar;
