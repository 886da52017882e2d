#ifndef NMT_CSENTENCEPIECE_H
#define NMT_CSENTENCEPIECE_H

// A C face on the SentencePiece C++ library (Debian's libsentencepiece-dev): training a model
// into bytes, loading a model from bytes, encoding a line into pieces and decoding pieces back.
// Swift sees only this header; sentencepiece.cpp is the one place that sees the C++ API.
// Every function that can fail returns 0 on success and nonzero on failure, with the library's
// message in `error` (free it with nmt_sp_free_text); no C++ exception crosses this boundary.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// A loaded model: an opaque sentencepiece::SentencePieceProcessor. Encoding and decoding with
/// one model from several threads at once is safe (they only read it).
typedef struct nmt_sp_model nmt_sp_model;

/// Bytes the shim allocated (a model, a decoded line, a message): free with nmt_sp_free_text.
typedef struct {
    char *bytes;
    size_t length;
} nmt_sp_text;

/// Pieces back to back in `bytes`: piece i is bytes[ends[i - 1] ..< ends[i]] (bytes[0 ..< ends[0]]
/// for the first). Free with nmt_sp_free_pieces.
typedef struct {
    char *bytes;
    size_t *ends;
    size_t count;
} nmt_sp_pieces;

/// What a piece of the vocabulary is.
typedef enum {
    NMT_SP_PIECE_NORMAL = 0,  // a piece of text, learned or user-defined
    NMT_SP_PIECE_UNKNOWN = 1, // <unk>
    NMT_SP_PIECE_CONTROL = 2, // <s>, </s>, <pad>: never produced by encoding
    NMT_SP_PIECE_UNUSED = 3,
    NMT_SP_PIECE_BYTE = 4,    // <0xE3>: byte fallback
} nmt_sp_piece_kind;

/// Trains a model on `sentence_count` lines held back to back in `sentences` (line i ends at
/// sentence_ends[i]), with `option_count` spm_train options given as names without dashes and
/// values (`vocab_size`, `8000`). The model's serialized bytes go to `model`; no file is written.
int nmt_sp_train(const char *const *option_names, const char *const *option_values, size_t option_count,
                 const char *sentences, const size_t *sentence_ends, size_t sentence_count,
                 nmt_sp_text *model, nmt_sp_text *error);

/// Loads a model from its serialized bytes (the contents of a .model file); NULL on failure.
nmt_sp_model *nmt_sp_load(const char *bytes, size_t length, nmt_sp_text *error);
void nmt_sp_free_model(nmt_sp_model *model);

/// Number of pieces in the vocabulary, ids 0 ..< count.
int nmt_sp_piece_count(const nmt_sp_model *model);
nmt_sp_piece_kind nmt_sp_piece_kind_of(const nmt_sp_model *model, int id);
/// The piece with `id` (0 ≤ id < count), valid as long as the model; not NUL-terminated.
const char *nmt_sp_piece(const nmt_sp_model *model, int id, size_t *length);

/// The pieces of one line of UTF-8 text.
int nmt_sp_encode(const nmt_sp_model *model, const char *text, size_t length, nmt_sp_pieces *pieces, nmt_sp_text *error);
/// The text of `count` pieces held back to back in `bytes` (piece i ends at ends[i]).
int nmt_sp_decode(const nmt_sp_model *model, const char *bytes, const size_t *ends, size_t count,
                  nmt_sp_text *text, nmt_sp_text *error);

void nmt_sp_free_text(nmt_sp_text *text);
void nmt_sp_free_pieces(nmt_sp_pieces *pieces);

#ifdef __cplusplus
}
#endif

#endif
