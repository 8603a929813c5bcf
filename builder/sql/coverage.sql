-- What is published per scheme, year and level: weakest status, counties (or embeter, from bookings) known of all.
-- params: none
-- Statsforvalter: the embeter's bookings on the posts that carry the scheme (the accounts never split a post).
WITH fylker_i_aar AS (
    SELECT a.aar, count(f.fylkesnummer) AS antall
    FROM (SELECT DISTINCT aar FROM tildelinger) a
    JOIN fylker f ON f.gyldig_fra_aar <= a.aar AND coalesce(f.gyldig_til_aar, 9999) >= a.aar
    GROUP BY a.aar
), embeter_i_aar AS (
    SELECT a.aar, count(e.embete_id) AS antall
    FROM (SELECT DISTINCT aar FROM bokforinger) a
    JOIN statsforvaltere e ON e.fra_aar <= a.aar AND coalesce(e.til_aar, 9999) >= a.aar
    GROUP BY a.aar
), funnet AS (
    SELECT n.ordning_id, n.aar, 'nasjonalt' AS niva, max(s.rang) AS rang, 1 AS kjent, 1 AS av
    FROM nasjonale_rammer n JOIN v_status s USING (status)
    GROUP BY n.ordning_id, n.aar
    UNION ALL
    SELECT r.ordning_id, r.aar, 'fylke', max(r.statusrang), count(DISTINCT r.fylkesnummer), max(fa.antall)
    FROM v_rammer r JOIN fylker_i_aar fa USING (aar)
    GROUP BY r.ordning_id, r.aar
    UNION ALL
    SELECT t.ordning_id, t.aar, 'mottaker', max(s.rang), count(DISTINCT t.fylkesnummer), max(fa.antall)
    FROM tildelinger t JOIN v_status s USING (status) JOIN fylker_i_aar fa USING (aar)
    WHERE t.belopstype = 'tilsagn'
    GROUP BY t.ordning_id, t.aar
    UNION ALL
    SELECT p.ordning_id, b.aar, 'statsforvalter', max(s.rang), count(DISTINCT b.embete_id), max(ea.antall)
    FROM v_bokforinger b
    JOIN post_ordninger p ON p.kapittel = b.kapittel AND p.post = b.post
    JOIN v_status s ON s.status = b.status
    JOIN embeter_i_aar ea ON ea.aar = b.aar
    WHERE b.virksomhetstype = 'statsforvalter' AND p.ordning_id IS NOT NULL
    GROUP BY p.ordning_id, b.aar
)
SELECT f.ordning_id, f.aar, f.niva, v.status, f.kjent, f.av
FROM funnet f JOIN v_status v ON v.rang = f.rang
ORDER BY f.ordning_id, f.aar, f.niva;
