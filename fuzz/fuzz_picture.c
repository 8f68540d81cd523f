/* fuzz_picture — bytes as a picture from a package or a write-up: the probe (kind,
 * size, orientation) and the decoder (libpng and libjpeg-turbo under their error
 * handlers), every way a dossier uses it (JPEG decoded, kept when clean, and decoded at
 * a scale for downsampling: the size asked from the data's first bytes). libharu
 * never parses a picture, so this is every byte of an image the renderer reads. */
#include "fuzz.h"
#include "image_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qb_picture p;
    qb_err e = {0};
    if (qb_picture_probe(data, size, &p, &e) == QB_OK)
        qb_picture_free(&p);
    for (unsigned flags = 0; flags <= QB_PICTURE_KEEP_JPEG; flags++) {
        qb_err_clear(&e);
        if (qb_picture_decode(data, size, flags, &p, &e) == QB_OK)
            qb_picture_free(&p);
    }
    qb_err_clear(&e);
    unsigned mw = size > 1 ? data[size - 1] * 8u : 1, mh = size > 2 ? data[size - 2] * 8u : 1;
    if (qb_picture_decode_for(data, size, mw, mh, &p, &e) == QB_OK)
        qb_picture_free(&p);
    return 0;
}
