package com.example.hotline.call;

import java.util.List;

/** Read access to stored calls for the API. Implementations are thread-safe and block on I/O. */
public interface CallQuery {

    List<StoredCall> search(CallFilter filter);
}
