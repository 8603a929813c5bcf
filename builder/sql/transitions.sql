-- County transitions of the reforms for the method page; no share for `delvis` (single municipalities, carries 0).
-- params: none
SELECT o.aar, o.fra_fylkesnummer, fra.navn AS fra_navn, o.til_fylkesnummer, til.navn AS til_navn,
       o.relasjon, CASE WHEN o.relasjon <> 'delvis' THEN o.andel END AS andel, o.merknad, o.kilde_id
FROM fylkesoverganger o
JOIN fylker fra ON fra.fylkesnummer = o.fra_fylkesnummer
JOIN fylker til ON til.fylkesnummer = o.til_fylkesnummer
ORDER BY o.aar, o.relasjon, o.fra_fylkesnummer, o.til_fylkesnummer;
