-- Which source would complete each scheme's levels, with the scheme's name and years (dekning_kilder.csv).
-- params: none
SELECT o.ordning_id, o.navn AS ordning, o.kortnavn, o.fra_aar, o.til_aar, d.niva, d.kilde_tekst, d.kilde_id
FROM ordninger o
LEFT JOIN dekning_kilder d USING (ordning_id)
ORDER BY o.fra_aar, o.ordning_id, d.niva;
