-- Each county's teacher-FTE-keyed frames per year, per FTE, and the national figure when those schemes are complete.
-- params: none
-- per: fylke
-- National: only for years where every county valid that year has a frame for each of the county's schemes and a
-- teacher count; else NULL (the page says why). Each figure carries the weakest status of its inputs.
WITH nokkel AS (
    SELECT r.* FROM v_rammer r JOIN ordninger o USING (ordning_id)
    WHERE o.nokkel_nevner = 'larerarsverk_grunnskole'
), gyldige AS (
    SELECT a.aar, count(*) AS fylker
    FROM (SELECT DISTINCT aar FROM v_fylke_i_aar) a
    JOIN fylker f ON a.aar BETWEEN f.gyldig_fra_aar AND coalesce(f.gyldig_til_aar, 9999)
    GROUP BY a.aar
), ordning_land AS (
    SELECT k.aar, k.ordning_id, sum(k.belop) AS belop, max(k.statusrang) AS rang,
           count(DISTINCT k.fylkesnummer) = any_value(g.fylker) AS komplett
    FROM nokkel k JOIN gyldige g USING (aar)
    GROUP BY k.aar, k.ordning_id
), nevner_land AS (
    SELECT n.aar, sum(n.verdi) AS verdi, max(status_rang(n.status)) AS rang,
           count(*) = any_value(g.fylker) AS komplett
    FROM v_nevner_aar n JOIN gyldige g USING (aar)
    WHERE n.nevner = 'larerarsverk_grunnskole'
    GROUP BY n.aar
), fylke AS (
    SELECT fylkesnummer, aar, sum(belop) AS belop, arg_max(status, statusrang) AS status,
           string_agg(ordning, ', ' ORDER BY ordning) AS ordninger, list(ordning_id) AS ider
    FROM nokkel GROUP BY fylkesnummer, aar
), land AS (
    SELECT f.fylkesnummer, f.aar, sum(o.belop) / any_value(n.verdi) AS per_larerarsverk,
           greatest(max(o.rang), any_value(n.rang)) AS rang,
           bool_and(o.komplett) AND any_value(n.komplett) AND count(*) = len(any_value(f.ider)) AS komplett
    FROM fylke f
    JOIN ordning_land o ON o.aar = f.aar AND list_contains(f.ider, o.ordning_id)
    JOIN nevner_land n ON n.aar = f.aar
    GROUP BY f.fylkesnummer, f.aar
)
SELECT f.fylkesnummer AS key_fylke, f.aar, f.ordninger, f.belop, f.status, n.verdi AS larerarsverk, n.telleaar, n.status AS nevner_status,
       n.kilder AS nevner_kilder,
       CAST(f.belop / n.verdi AS DECIMAL(18, 0)) AS per_larerarsverk,
       svakest(f.status, n.status) AS per_status,
       CASE WHEN l.komplett THEN CAST(l.per_larerarsverk AS DECIMAL(18, 0)) END AS land_per_larerarsverk,
       CASE WHEN l.komplett THEN (SELECT s.status FROM v_status s WHERE s.rang = l.rang) END AS land_status
FROM fylke f
LEFT JOIN v_nevner_aar n ON n.aar = f.aar AND n.fylkesnummer = f.fylkesnummer AND n.nevner = 'larerarsverk_grunnskole'
LEFT JOIN land l ON l.aar = f.aar AND l.fylkesnummer = f.fylkesnummer
ORDER BY f.aar;
