/**
 * The resident/customer directory: phone numbers in one normal form, the lookup by caller ID used
 * when a call arrives, and the CSV import (good rows kept, bad rows reported by line).
 */
package com.example.hotline.directory;
