/* fuzz_picture — bytes as a picture from a package or a write-up: the probe (kind,
 * size, orientation) and the decoder (libpng and libjpeg-turbo under their error
 * handlers), both ways a dossier uses it (JPEG decoded, and kept when clean). libharu
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
    return 0;
}
