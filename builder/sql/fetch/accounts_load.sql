-- DFØ's yearly accounts CSV (ISO-8859-1, ';', quoted, a header row) as text: the rows of the posts we keep.
-- params: path, columns, posts
CREATE OR REPLACE TEMP TABLE regnskap AS
SELECT
    "År" AS aar,
    "Periode" AS periode,
    "Post_id" AS post_id,
    "Post" AS post_navn,
    "Virksomhet_id" AS orgnr,
    "Virksomhet" AS virksomhet,
    "Artskonto_id" AS artskonto,
    "Artskonto" AS artskonto_navn,
    "Kontoklasse_id" AS kontoklasse,
    "Kontoklasse" AS kontoklasse_navn,
    "Beløp" AS belop
FROM read_csv(
    $path,
    delim = ';',
    quote = '"',
    escape = '"',
    header = true,
    auto_detect = false,
    columns = $columns,
    encoding = 'latin-1',
    strict_mode = true
)
WHERE list_contains($posts, "Post_id")
