"""Personal-data rights (DSGVO): one declaration of what is stored about a person
(``registry``), and the services built on it: export (Art. 15/20), erasure
(Art. 17) and retention, the records of processing, privacy-notice versions
and the audit view.
"""
