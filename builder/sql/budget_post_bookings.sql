-- Every booking on one post: year, the entity as DFØ booked it, the embete it maps to by org.nr., the amount.
-- params: kapittel, post
SELECT b.aar, b.virksomhet, b.orgnr, b.virksomhetstype, b.embete_id, b.embete, b.belop, b.avrunding,
       b.status, b.kilde_id
FROM v_bokforinger b
WHERE b.kapittel = $kapittel AND b.post = $post
ORDER BY b.aar, b.virksomhetstype = 'ovrige', b.belop DESC, b.virksomhet;
