package com.example.hotline.call;

import java.util.List;
import java.util.Optional;

/** Read access to stored calls for the API. Implementations are thread-safe and block on I/O. */
public interface CallQuery {

    List<StoredCall> search(CallFilter filter);

    Optional<StoredCall> byId(long id);
}
