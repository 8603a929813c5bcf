-- The official names under each embete's org.nr. over time (embete_navn): the embete itself, its predecessors and successors.
-- params: none
-- per: embete
SELECT me.embete_id AS key_embete, n.embete_id, n.navn, e.orgnr, n.fra_aar, n.til_aar, n.embete_id = me.embete_id AS denne,
       n.kilde_id
FROM embete_navn n
JOIN statsforvaltere e USING (embete_id)
JOIN statsforvaltere me ON e.embete_id = me.embete_id OR e.orgnr = me.orgnr
ORDER BY n.fra_aar, n.embete_id;
