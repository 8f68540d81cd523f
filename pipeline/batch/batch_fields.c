/* batch_fields.c — the application form's fields the summary shows, read from the
 * record in one place. The form issue (issue 10) adds the form's fields to the record;
 * until it lands here, 联系人 and 联系电话 are unknown (NULL) and 质量标杆名称 is the
 * write-up's title line. Wiring them is one line each below. */
#include "batch_int.h"

const char *qb_batch_field_contact(const qb_record *r)
{
    (void)r; /* TODO(issue 10): the form's 联系人 field */
    return NULL;
}

const char *qb_batch_field_phone(const qb_record *r)
{
    (void)r; /* TODO(issue 10): the form's 联系电话 field */
    return NULL;
}

const char *qb_batch_field_name(const qb_record *r)
{
    /* TODO(issue 10): the form's 质量标杆名称 field first, when it has one */
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
