-- Every county that has allocations, with validity and the years it has data for.
-- params: none
SELECT f.fylkesnummer, f.navn, f.offisielt_navn, f.gyldig_fra_aar, f.gyldig_til_aar,
       f.gyldig_til_aar IS NOT NULL AS utgatt,
       min(r.aar) AS forste_aar, max(r.aar) AS siste_aar
FROM fylker f
JOIN v_rammer r USING (fylkesnummer)
GROUP BY ALL
ORDER BY f.fylkesnummer;
