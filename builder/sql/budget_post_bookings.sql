-- Every booking on each post: year, the entity as DFØ booked it, the embete it maps to by org.nr., the amount.
-- params: none
-- per: kapittel, post
SELECT b.kapittel AS key_kapittel, b.post AS key_post, b.aar, b.virksomhet, b.orgnr, b.virksomhetstype, b.embete_id, b.embete, b.belop, b.avrunding,
       b.status, b.kilde_id
FROM v_bokforinger b
ORDER BY b.aar, b.virksomhetstype = 'ovrige', b.belop DESC, b.virksomhet;
