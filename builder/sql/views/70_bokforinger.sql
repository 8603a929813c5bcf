-- Bookings on the budget posts with the embete each belongs to (same org.nr., valid in the booking's year; NULL
-- for other entities) under its official name in that year (embete_navn: fylkesmann until 2020), and the kind of
-- entity: udir, kd, statsforvalter, annen, or ovrige for the remainder row.
CREATE VIEW v_bokforinger AS
SELECT b.aar, b.kapittel, b.post, b.orgnr, b.virksomhet, b.belop, b.avrunding, b.status, b.kilde_id,
       e.embete_id, coalesce(n.navn, e.navn) AS embete,
       CASE WHEN b.orgnr IS NULL THEN 'ovrige'
            WHEN b.orgnr = '970018131' THEN 'udir'  -- Utdanningsdirektoratet
            WHEN b.orgnr = '872417842' THEN 'kd'    -- Kunnskapsdepartementet
            WHEN e.embete_id IS NOT NULL THEN 'statsforvalter'
            ELSE 'annen' END AS virksomhetstype
FROM bokforinger b
LEFT JOIN statsforvaltere e
  ON e.orgnr = b.orgnr AND e.fra_aar <= b.aar AND coalesce(e.til_aar, 9999) >= b.aar
LEFT JOIN embete_navn n
  ON n.embete_id = e.embete_id AND n.fra_aar <= b.aar AND coalesce(n.til_aar, 9999) >= b.aar;
