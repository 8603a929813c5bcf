-- All county transitions of the 2018, 2020 and 2024 reforms, for the method page.
-- params: none
SELECT o.aar, o.fra_fylkesnummer, fra.navn AS fra_navn, o.til_fylkesnummer, til.navn AS til_navn,
       o.relasjon, o.andel, o.merknad, o.kilde_id
FROM fylkesoverganger o
JOIN fylker fra ON fra.fylkesnummer = o.fra_fylkesnummer
JOIN fylker til ON til.fylkesnummer = o.til_fylkesnummer
ORDER BY o.aar, o.relasjon, o.fra_fylkesnummer, o.til_fylkesnummer;
