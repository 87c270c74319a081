-- What was sent, per notice: whether the templates were a reviewed translation or a draft, and
-- whether the English text went with it (a draft's does). `locale` already names the templates used.
alter table notification
    add column translation_status varchar(10),
    add column english_attached   boolean;

-- Notices written before this migration: only English was a reviewed text; the Persian, Arabic and
-- Spanish templates of the time were drafts, and they were sent without the English text.
update notification
   set translation_status = case when locale = 'en' then 'REVIEWED' else 'DRAFT' end,
       english_attached   = false;

alter table notification
    alter column translation_status set not null,
    alter column english_attached set not null,
    add constraint notification_translation_status check (translation_status in ('REVIEWED', 'DRAFT')),
    add constraint notification_english_only_with_a_draft check (not english_attached or translation_status = 'DRAFT');
