-- The official names under one embete's org.nr. over time (statsforvaltere): the embete itself, its predecessors and successors.
-- params: embete
SELECT e.embete_id, e.navn, e.orgnr, e.fra_aar, e.til_aar, e.embete_id = $embete AS denne, e.kilde_id
FROM statsforvaltere e
JOIN statsforvaltere me ON me.embete_id = $embete
WHERE e.embete_id = me.embete_id OR e.orgnr = me.orgnr
ORDER BY e.fra_aar, e.embete_id;
