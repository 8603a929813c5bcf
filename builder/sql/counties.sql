-- Every county with a page (v_fylkesider: allocations, or bookings by its embete), with its validity.
-- params: none
SELECT f.fylkesnummer, f.navn, f.offisielt_navn, f.gyldig_fra_aar, f.gyldig_til_aar,
       f.gyldig_til_aar IS NOT NULL AS utgatt
FROM fylker f
JOIN v_fylkesider USING (fylkesnummer)
ORDER BY f.fylkesnummer;
