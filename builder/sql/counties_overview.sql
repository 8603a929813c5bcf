-- Every county with a page or valid today: latest-year frames by scheme, per teacher FTE and change, weakest statuses.
-- params: none
-- A county without frames has one row with NULL figures (the page says no county figures are published). Per FTE
-- counts only the schemes keyed on teacher FTEs (ordninger.nokkel_nevner); the change compares the same schemes.
WITH per_aar AS (
    SELECT fylkesnummer, aar, sum(belop) AS belop, arg_max(status, statusrang) AS status,
           string_agg(ordning, ', ' ORDER BY ordning) AS ordninger, list_sort(list(ordning_id)) AS ider,
           string_agg(DISTINCT kilde_id, ',' ORDER BY kilde_id) AS kilde_id
    FROM v_rammer GROUP BY fylkesnummer, aar
), larer AS (
    SELECT r.fylkesnummer, r.aar, sum(r.belop) AS belop, arg_max(r.status, r.statusrang) AS status
    FROM v_rammer r JOIN ordninger o USING (ordning_id)
    WHERE o.nokkel_nevner = 'larerarsverk_grunnskole'
    GROUP BY r.fylkesnummer, r.aar
), siste AS (
    SELECT fylkesnummer, max(aar) AS aar FROM per_aar GROUP BY fylkesnummer
), fylkene AS (
    SELECT f.*, s.fylkesnummer IS NOT NULL AS har_side
    FROM fylker f LEFT JOIN v_fylkesider s USING (fylkesnummer)
    WHERE s.fylkesnummer IS NOT NULL OR f.gyldig_til_aar IS NULL
)
SELECT f.fylkesnummer, f.navn, f.offisielt_navn, f.gyldig_til_aar IS NOT NULL AS utgatt, f.har_side,
       f.gyldig_fra_aar, f.gyldig_til_aar, p.aar, p.ordninger, p.belop, p.status, p.kilde_id,
       n.verdi AS larerarsverk, CAST(l.belop / n.verdi AS DECIMAL(18, 0)) AS per_larerarsverk,
       n.status AS nevner_status, n.kilder AS nevner_kilder, svakest(l.status, n.status) AS per_status,
       forrige.belop AS forrige_belop, svakest(p.status, forrige.status) AS endring_status,
       CASE WHEN forrige.belop > 0 THEN CAST((p.belop - forrige.belop) / forrige.belop AS DECIMAL(18, 6)) END
           AS endring
FROM fylkene f
LEFT JOIN siste s ON s.fylkesnummer = f.fylkesnummer
LEFT JOIN per_aar p ON p.fylkesnummer = s.fylkesnummer AND p.aar = s.aar
LEFT JOIN larer l ON l.fylkesnummer = p.fylkesnummer AND l.aar = p.aar
LEFT JOIN per_aar forrige ON forrige.fylkesnummer = p.fylkesnummer AND forrige.aar = p.aar - 1
     AND forrige.ider = p.ider
LEFT JOIN v_nevner_aar n ON n.fylkesnummer = p.fylkesnummer AND n.aar = p.aar AND n.nevner = 'larerarsverk_grunnskole'
ORDER BY f.fylkesnummer;
