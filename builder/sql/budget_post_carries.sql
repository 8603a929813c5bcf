-- What each post carries (post_ordninger), with the scheme's short name where it is one of the site's schemes.
-- params: none
-- per: kapittel, post
SELECT p.kapittel AS key_kapittel, p.post AS key_post, p.ordning_id, o.kortnavn, p.omfatter, p.merknad, p.kilde_id
FROM post_ordninger p
LEFT JOIN ordninger o USING (ordning_id)
ORDER BY p.ordning_id IS NULL, p.omfatter;
