// The C functions of CSentencePiece.h over SentencePiece's C++ API (sentencepiece_processor.h,
// sentencepiece_trainer.h). Each catches every exception and reports it as an error message.

#include "CSentencePiece.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>
#include <unordered_map>
#include <vector>

struct nmt_sp_model {
    sentencepiece::SentencePieceProcessor processor;
};

namespace {

/// Copies `bytes` into memory the caller frees with nmt_sp_free_text; false when out of memory.
bool copy_out(const std::string &bytes, nmt_sp_text *text) {
    text->bytes = static_cast<char *>(std::malloc(bytes.size() + 1));
    text->length = 0;
    if (text->bytes == nullptr) return false;
    std::memcpy(text->bytes, bytes.data(), bytes.size());
    text->bytes[bytes.size()] = '\0';
    text->length = bytes.size();
    return true;
}

int fail(const std::string &message, nmt_sp_text *error) {
    if (error != nullptr) copy_out(message, error);
    return 1;
}

int fail(const sentencepiece::util::Status &status, nmt_sp_text *error) {
    return fail(std::string(status.message()), error);
}

/// The training lines, handed to the trainer one at a time without copying them all.
class LineIterator : public sentencepiece::SentenceIterator {
  public:
    LineIterator(const char *bytes, const size_t *ends, size_t count) : bytes_(bytes), ends_(ends), count_(count) { load(); }
    bool done() const override { return index_ >= count_; }
    void Next() override {
        ++index_;
        load();
    }
    const std::string &value() const override { return line_; }
    sentencepiece::util::Status status() const override { return sentencepiece::util::Status(); }

  private:
    void load() {
        if (index_ >= count_) return;
        size_t start = index_ == 0 ? 0 : ends_[index_ - 1];
        line_.assign(bytes_ + start, ends_[index_] - start);
    }
    const char *bytes_;
    const size_t *ends_;
    size_t count_;
    size_t index_ = 0;
    std::string line_;
};

std::vector<std::string> split(const char *bytes, const size_t *ends, size_t count) {
    std::vector<std::string> parts;
    parts.reserve(count);
    size_t start = 0;
    for (size_t i = 0; i < count; ++i) {
        parts.emplace_back(bytes + start, ends[i] - start);
        start = ends[i];
    }
    return parts;
}

} // namespace

extern "C" int nmt_sp_train(const char *const *option_names, const char *const *option_values, size_t option_count,
                            const char *sentences, const size_t *sentence_ends, size_t sentence_count,
                            nmt_sp_text *model, nmt_sp_text *error) {
    try {
        std::unordered_map<std::string, std::string> options;
        for (size_t i = 0; i < option_count; ++i) options[option_names[i]] = option_values[i];
        LineIterator lines(sentences, sentence_ends, sentence_count);
        std::string serialized;
        auto status = sentencepiece::SentencePieceTrainer::Train(options, &lines, &serialized);
        if (!status.ok()) return fail(status, error);
        if (!copy_out(serialized, model)) return fail("out of memory", error);
        return 0;
    } catch (const std::exception &exception) {
        return fail(exception.what(), error);
    } catch (...) {
        return fail("unknown C++ exception", error);
    }
}

extern "C" nmt_sp_model *nmt_sp_load(const char *bytes, size_t length, nmt_sp_text *error) {
    try {
        auto *model = new nmt_sp_model();
        auto status = model->processor.LoadFromSerializedProto(std::string_view(bytes, length));
        if (!status.ok()) {
            delete model;
            fail(status, error);
            return nullptr;
        }
        return model;
    } catch (const std::exception &exception) {
        fail(exception.what(), error);
    } catch (...) {
        fail("unknown C++ exception", error);
    }
    return nullptr;
}

extern "C" void nmt_sp_free_model(nmt_sp_model *model) { delete model; }

extern "C" int nmt_sp_piece_count(const nmt_sp_model *model) { return model->processor.GetPieceSize(); }

extern "C" nmt_sp_piece_kind nmt_sp_piece_kind_of(const nmt_sp_model *model, int id) {
    const auto &processor = model->processor;
    if (processor.IsUnknown(id)) return NMT_SP_PIECE_UNKNOWN;
    if (processor.IsControl(id)) return NMT_SP_PIECE_CONTROL;
    if (processor.IsUnused(id)) return NMT_SP_PIECE_UNUSED;
    if (processor.IsByte(id)) return NMT_SP_PIECE_BYTE;
    return NMT_SP_PIECE_NORMAL;
}

extern "C" const char *nmt_sp_piece(const nmt_sp_model *model, int id, size_t *length) {
    const std::string &piece = model->processor.IdToPiece(id);
    *length = piece.size();
    return piece.data();
}

extern "C" int nmt_sp_encode(const nmt_sp_model *model, const char *text, size_t length, nmt_sp_pieces *pieces,
                             nmt_sp_text *error) {
    try {
        std::vector<std::string> found;
        auto status = model->processor.Encode(std::string_view(text, length), &found);
        if (!status.ok()) return fail(status, error);
        size_t total = 0;
        for (const auto &piece : found) total += piece.size();
        pieces->count = 0;
        pieces->bytes = static_cast<char *>(std::malloc(total + 1));
        pieces->ends = static_cast<size_t *>(std::malloc(sizeof(size_t) * (found.size() + 1)));
        if (pieces->bytes == nullptr || pieces->ends == nullptr) {
            std::free(pieces->bytes);
            std::free(pieces->ends);
            pieces->bytes = nullptr;
            pieces->ends = nullptr;
            return fail("out of memory", error);
        }
        size_t end = 0;
        for (size_t i = 0; i < found.size(); ++i) {
            std::memcpy(pieces->bytes + end, found[i].data(), found[i].size());
            end += found[i].size();
            pieces->ends[i] = end;
        }
        pieces->count = found.size();
        return 0;
    } catch (const std::exception &exception) {
        return fail(exception.what(), error);
    } catch (...) {
        return fail("unknown C++ exception", error);
    }
}

extern "C" int nmt_sp_decode(const nmt_sp_model *model, const char *bytes, const size_t *ends, size_t count,
                             nmt_sp_text *text, nmt_sp_text *error) {
    try {
        std::string decoded;
        auto status = model->processor.Decode(split(bytes, ends, count), &decoded);
        if (!status.ok()) return fail(status, error);
        if (!copy_out(decoded, text)) return fail("out of memory", error);
        return 0;
    } catch (const std::exception &exception) {
        return fail(exception.what(), error);
    } catch (...) {
        return fail("unknown C++ exception", error);
    }
}

extern "C" void nmt_sp_free_text(nmt_sp_text *text) {
    std::free(text->bytes);
    text->bytes = nullptr;
    text->length = 0;
}

extern "C" void nmt_sp_free_pieces(nmt_sp_pieces *pieces) {
    std::free(pieces->bytes);
    std::free(pieces->ends);
    pieces->bytes = nullptr;
    pieces->ends = nullptr;
    pieces->count = 0;
}
