-- The counties one embete covered, by period, and whether the county has a page (v_fylkesider).
-- params: embete
SELECT sf.fylkesnummer, f.navn, sf.fra_aar, sf.til_aar, sf.kilde_id,
       sf.fylkesnummer IN (SELECT fylkesnummer FROM v_fylkesider) AS har_side
FROM statsforvalter_fylker sf
JOIN fylker f USING (fylkesnummer)
WHERE sf.embete_id = $embete
ORDER BY sf.fra_aar, sf.fylkesnummer;
