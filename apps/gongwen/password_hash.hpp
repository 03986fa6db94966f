// Passwords and random tokens for `serve`'s accounts, from libsodium: Argon2id hashes
// (crypto_pwhash_str, interactive limits) and session ids / CSRF tokens from randombytes_buf.
#pragma once

#include <cstddef>
#include <string>

namespace gongwen::app {

/// Initialises libsodium; throws std::runtime_error when it cannot (no entropy source).
void init_crypto();
/// An Argon2id hash string with its salt and limits; throws std::runtime_error when out of memory.
std::string hash_password(const std::string& password);
/// Whether `password` matches `hash`, in time independent of where they differ.
bool verify_password(const std::string& hash, const std::string& password);
/// Costs as much as verify_password: a name that is not an account answers as slowly as one that is.
void verify_dummy_password(const std::string& password);
/// `bytes` random bytes from the OS's generator, as lowercase hex.
std::string random_token(std::size_t bytes = 32);
/// Compares two strings in time independent of where they differ.
bool same_token(const std::string& a, const std::string& b);

}  // namespace gongwen::app
