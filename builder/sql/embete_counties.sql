-- The counties each embete covered, by period, and whether the county has a page (v_fylkesider).
-- params: none
-- per: embete
SELECT sf.embete_id AS key_embete, sf.fylkesnummer, f.navn, sf.fra_aar, sf.til_aar, sf.kilde_id,
       sf.fylkesnummer IN (SELECT fylkesnummer FROM v_fylkesider) AS har_side
FROM statsforvalter_fylker sf
JOIN fylker f USING (fylkesnummer)
ORDER BY sf.fra_aar, sf.fylkesnummer;
