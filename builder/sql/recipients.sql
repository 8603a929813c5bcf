-- Every recipient of a grant (tilsagn), one by org.nr. where known, else one by exact name: its latest name, schemes, counties, years, total.
-- params: none
-- mottaker_id is the recipient's key (v_tilsagn, builder/sql/views/90_tilsagn.sql); the total carries the
-- weakest status of its grants. Names are put in Norwegian order by the model.
WITH t AS (
    SELECT t.mottaker_id, t.mottaker_orgnr, t.mottaker_navn, t.aar, t.fylkesnummer || ' ' || f.navn AS fylke, o.navn AS ordning,
           t.belop, t.status, s.rang, t.kilde_id
    FROM v_tilsagn t
    JOIN ordninger o USING (ordning_id)
    JOIN fylker f USING (fylkesnummer)
    JOIN v_status s USING (status)
)
SELECT mottaker_id, min(mottaker_orgnr) AS mottaker_orgnr,
       coalesce(first(mottaker_navn ORDER BY mottaker_navn IS NULL, aar DESC, mottaker_navn), min(mottaker_orgnr))
           AS mottaker_navn,
       string_agg(DISTINCT ordning, ', ' ORDER BY ordning) AS ordninger,
       string_agg(DISTINCT fylke, ', ' ORDER BY fylke) AS fylker,
       min(aar) AS fra_aar, max(aar) AS til_aar, count(*) AS tilsagn,
       sum(belop) AS belop, arg_max(status, rang) AS status,
       string_agg(DISTINCT kilde_id, ',' ORDER BY kilde_id) AS kilde_id
FROM t
GROUP BY mottaker_id
ORDER BY mottaker_navn, mottaker_id;
