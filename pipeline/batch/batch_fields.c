/* batch_fields.c — the application's facts the summary shows, read from the record in
 * one place: the form's fields (rules/form.h) when the form gave them, else what the
 * write-up says (its title line for 质量标杆名称). */
#include "batch_int.h"

/* A field the form filled in; NULL when there is no form, no such label or no value. */
static const char *form_value(const qb_record *r, qb_form_field f)
{
    const char *v = r->have_fields ? r->fields.value[f] : NULL;
    return v && *v ? v : NULL;
}

const char *qb_batch_field_contact(const qb_record *r)
{
    return form_value(r, QB_FF_CONTACT);
}

const char *qb_batch_field_phone(const qb_record *r)
{
    return form_value(r, QB_FF_PHONE);
}

const char *qb_batch_field_name(const qb_record *r)
{
    const char *named = form_value(r, QB_FF_BENCHMARK);
    if (named)
        return named;
    const qb_doc *d = r->have_doc ? &r->doc : NULL;
    if (!d || !d->sectioned || !d->sec[QB_SEC_TITLE].found || d->sec[QB_SEC_TITLE].head >= d->npara)
        return NULL;
    const char *t = qb_para_body(&d->paras[d->sec[QB_SEC_TITLE].head]);
    return *t ? t : NULL;
}

const char *qb_batch_field_scope(const qb_record *r)
{
    return r->scope;
}

const char *qb_batch_field_applicant(const qb_record *r)
{
    return r->applicant;
}
