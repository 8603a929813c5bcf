-- Every statsforvalter embete (today's first) under its name in its latest year, its years, counties now or last, bookings in its latest booked year.
-- params: none
-- Today's ten first, then the earlier fylkesmenn; bookings on 226.21 and 231.21 in the latest year it has bookings.
WITH siste_fylker AS (
    SELECT sf.embete_id,
           string_agg(sf.fylkesnummer || ' ' || f.navn, ', ' ORDER BY sf.fylkesnummer) AS fylker
    FROM statsforvalter_fylker sf
    JOIN fylker f USING (fylkesnummer)
    WHERE coalesce(sf.til_aar, 9999) = (
        SELECT max(coalesce(x.til_aar, 9999)) FROM statsforvalter_fylker x WHERE x.embete_id = sf.embete_id)
    GROUP BY sf.embete_id
), bok AS (
    SELECT b.embete_id, b.aar, b.kapittel, b.post, sum(b.belop) AS belop, arg_max(b.status, s.rang) AS status
    FROM v_bokforinger b
    JOIN v_status s USING (status)
    WHERE b.embete_id IS NOT NULL AND (b.kapittel, b.post) IN (('0226', '21'), ('0231', '21'))
    GROUP BY ALL
), siste AS (
    SELECT embete_id, max(aar) AS aar FROM bok GROUP BY embete_id
), siste_navn AS (
    SELECT n.embete_id, arg_max(n.navn, n.fra_aar) AS navn FROM embete_navn n GROUP BY n.embete_id
)
SELECT e.embete_id, coalesce(sn.navn, e.navn) AS navn, e.orgnr, e.fra_aar, e.til_aar, e.til_aar IS NULL AS dagens, sf.fylker,
       s.aar AS bok_aar, k1.belop AS belop_226_21, k1.status AS status_226_21,
       k2.belop AS belop_231_21, k2.status AS status_231_21, e.kilde_id
FROM statsforvaltere e
LEFT JOIN siste_fylker sf USING (embete_id)
LEFT JOIN siste s USING (embete_id)
LEFT JOIN siste_navn sn USING (embete_id)
LEFT JOIN bok k1 ON k1.embete_id = e.embete_id AND k1.aar = s.aar AND k1.kapittel = '0226' AND k1.post = '21'
LEFT JOIN bok k2 ON k2.embete_id = e.embete_id AND k2.aar = s.aar AND k2.kapittel = '0231' AND k2.post = '21'
ORDER BY e.til_aar IS NOT NULL, navn, e.embete_id;
