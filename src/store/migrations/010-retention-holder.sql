-- Retention claims name who keeps the data (`holder` in src/model/claim.ts): the service itself, or another
-- organisation ("our vendor may retain your data for 90 days"). Claims stored before were all read as the service's
-- own retention, so they get that holder; adding the policy again reads the holder from the text.
UPDATE claims SET details = json_set(details, '$.holder', json('{"kind":"service"}'))
  WHERE kind = 'retention' AND json_extract(details, '$.holder') IS NULL;
