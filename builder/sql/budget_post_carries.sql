-- What one post carries (post_ordninger), with the scheme's short name where it is one of the site's schemes.
-- params: kapittel, post
SELECT p.ordning_id, o.kortnavn, p.omfatter, p.merknad, p.kilde_id
FROM post_ordninger p
LEFT JOIN ordninger o USING (ordning_id)
WHERE p.kapittel = $kapittel AND p.post = $post
ORDER BY p.ordning_id IS NULL, p.omfatter;
