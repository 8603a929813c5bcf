-- Predecessors and successors of each county in the 2018, 2020 and 2024 reforms.
-- params: none
-- per: fylke
SELECT o.til_fylkesnummer AS key_fylke, 'forgjenger' AS retning, o.fra_fylkesnummer AS fylkesnummer, f.navn, o.aar,
       o.relasjon, o.andel, o.merknad, o.kilde_id,
       EXISTS (SELECT 1 FROM v_rammer r WHERE r.fylkesnummer = o.fra_fylkesnummer) AS har_side
FROM fylkesoverganger o JOIN fylker f ON f.fylkesnummer = o.fra_fylkesnummer
UNION ALL
SELECT o.fra_fylkesnummer, 'etterfolger', o.til_fylkesnummer, f.navn, o.aar, o.relasjon, o.andel, o.merknad, o.kilde_id,
       EXISTS (SELECT 1 FROM v_rammer r WHERE r.fylkesnummer = o.til_fylkesnummer)
FROM fylkesoverganger o JOIN fylker f ON f.fylkesnummer = o.til_fylkesnummer
ORDER BY retning DESC, aar, fylkesnummer, relasjon;
