-- Each embete's bookings on 226.21 per teacher FTE of the counties it covered that year.
-- params: none
-- per: embete
-- Only years where every covered county has a denominator; status is the weakest of bookings and denominators.
WITH bok AS (
    SELECT b.embete_id, b.aar, sum(b.belop) AS belop, max(s.rang) AS rang, arg_max(b.status, s.rang) AS bok_status,
           string_agg(DISTINCT b.kilde_id, ',' ORDER BY b.kilde_id) AS kilde_id
    FROM v_bokforinger b
    JOIN v_status s USING (status)
    WHERE b.embete_id IS NOT NULL AND b.kapittel = '0226' AND b.post = '21'
    GROUP BY b.embete_id, b.aar
), nevner AS (
    SELECT k.embete_id, k.aar, count(*) AS fylker, count(n.verdi) AS med_nevner, sum(n.verdi) AS larerarsverk,
           max(s.rang) AS rang, arg_max(n.status, s.rang) AS nevner_status,
           string_agg(DISTINCT n.kilder, ',' ORDER BY n.kilder) AS nevner_kilder,
           string_agg(sf.fylkesnummer, ', ' ORDER BY sf.fylkesnummer) AS fylkesnumre
    FROM bok k
    JOIN statsforvalter_fylker sf
      ON sf.embete_id = k.embete_id AND sf.fra_aar <= k.aar AND coalesce(sf.til_aar, 9999) >= k.aar
    LEFT JOIN v_nevner_aar n
      ON n.aar = k.aar AND n.fylkesnummer = sf.fylkesnummer AND n.nevner = 'larerarsverk_grunnskole'
    LEFT JOIN v_status s ON s.status = n.status
    GROUP BY k.embete_id, k.aar
)
SELECT k.embete_id AS key_embete, k.aar, n.fylkesnumre, k.belop, k.bok_status, n.larerarsverk,
       CAST(k.belop / n.larerarsverk AS DECIMAL(18, 0)) AS per_larerarsverk,
       (SELECT v.status FROM v_status v WHERE v.rang = greatest(k.rang, n.rang)) AS status,
       n.nevner_status, n.nevner_kilder, k.kilde_id
FROM bok k
JOIN nevner n USING (embete_id, aar)
WHERE n.med_nevner = n.fylker AND n.larerarsverk > 0
ORDER BY k.aar;
