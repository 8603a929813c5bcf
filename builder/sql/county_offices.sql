-- The statsforvalter offices that covered each county, by period, each under the official name of those years.
-- params: none
-- per: fylke
SELECT sf.fylkesnummer AS key_fylke, n.embete_id, n.navn, greatest(sf.fra_aar, n.fra_aar) AS fra_aar,
       nullif(least(coalesce(sf.til_aar, 9999), coalesce(n.til_aar, 9999)), 9999) AS til_aar, sf.kilde_id
FROM statsforvalter_fylker sf
JOIN embete_navn n
  ON n.embete_id = sf.embete_id AND n.fra_aar <= coalesce(sf.til_aar, 9999) AND coalesce(n.til_aar, 9999) >= sf.fra_aar
ORDER BY fra_aar, n.navn;
