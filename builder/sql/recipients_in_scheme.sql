-- Every recipient of a grant (tilsagn) in each scheme, keyed as in recipients.sql: its latest name, counties, years, total.
-- params: none
-- per: ordning
-- The total carries the weakest status of its grants. Names are put in Norwegian order by the model.
WITH t AS (
    SELECT t.ordning_id, t.mottaker_id, t.mottaker_orgnr, t.mottaker_navn, t.aar, t.fylkesnummer || ' ' || f.navn AS fylke,
           t.belop, t.status, s.rang, t.kilde_id
    FROM v_tilsagn t
    JOIN fylker f USING (fylkesnummer)
    JOIN v_status s USING (status)
)
SELECT ordning_id AS key_ordning, mottaker_id, min(mottaker_orgnr) AS mottaker_orgnr,
       coalesce(first(mottaker_navn ORDER BY mottaker_navn IS NULL, aar DESC, mottaker_navn), min(mottaker_orgnr))
           AS mottaker_navn,
       string_agg(DISTINCT fylke, ', ' ORDER BY fylke) AS fylker,
       min(aar) AS fra_aar, max(aar) AS til_aar, count(*) AS tilsagn,
       sum(belop) AS belop, arg_max(status, rang) AS status,
       string_agg(DISTINCT kilde_id, ',' ORDER BY kilde_id) AS kilde_id
FROM t
GROUP BY ordning_id, mottaker_id
ORDER BY mottaker_navn, mottaker_id;
