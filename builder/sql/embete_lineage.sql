-- The official names under one embete's org.nr. over time (embete_navn): the embete itself, its predecessors and successors.
-- params: embete
SELECT n.embete_id, n.navn, e.orgnr, n.fra_aar, n.til_aar, n.embete_id = $embete AS denne, n.kilde_id
FROM embete_navn n
JOIN statsforvaltere e USING (embete_id)
JOIN statsforvaltere me ON me.embete_id = $embete
WHERE e.embete_id = me.embete_id OR e.orgnr = me.orgnr
ORDER BY n.fra_aar, n.embete_id;
