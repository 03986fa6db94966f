// Passwords and random tokens (see password_hash.hpp).
#include "password_hash.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace gongwen::app {

void init_crypto() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised (no random source?)");
}

std::string hash_password(const std::string& password) {
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(hash, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("out of memory while hashing the password (Argon2id needs 64 MiB)");
    }
    return hash;
}

bool verify_password(const std::string& hash, const std::string& password) {
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

void verify_dummy_password(const std::string& password) {
    static const std::string dummy = hash_password(random_token(16));
    (void)verify_password(dummy, password);
}

std::string random_token(std::size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
    hex.pop_back();
    return hex;
}

bool same_token(const std::string& a, const std::string& b) {
    return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace gongwen::app
